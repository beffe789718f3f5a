package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/ingest"
)

// rereadPlaces runs the --places step of `xiaoqi reindex`: the places of the documents that
// the API stored as written (深圳, 西安, 雁塔) read again as imports read them.
func rereadPlaces(ctx context.Context, store xiaoqi.Store, logger *slog.Logger, stdout io.Writer) error {
	c, err := ingest.RereadPlaces(ctx, store, 500)
	if err != nil {
		return err
	}
	logger.Info("places read again", "checked", c.Checked, "changed", c.Changed, "conflicts", len(c.Conflicts))
	var parts []string
	for _, k := range []xiaoqi.Kind{xiaoqi.KindInstitution, xiaoqi.KindProgram, xiaoqi.KindEnterprise, xiaoqi.KindJob, xiaoqi.KindCandidate} {
		parts = append(parts, fmt.Sprintf("%d of %d %s", c.Changed[k], c.Checked[k], k))
	}
	fmt.Fprintf(stdout, "places: changed %s\n", strings.Join(parts, ", "))
	for _, id := range c.Conflicts {
		fmt.Fprintf(stdout, "places: 未改，与另一文档的自然键相同，请手工合并 / left as it was, its place read again is another document's natural key (merge them by hand): %s\n", id)
	}
	return nil
}

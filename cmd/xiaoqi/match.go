package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/match"
	"github.com/xiaoqi-dev/xiaoqi/seed"
)

// RunMatch runs `xiaoqi match --allocate`: the province-wide, capacity-aware allocation of
// graduates to open positions over the store, printed beside what greedy per-enterprise
// ranking would fill.
func RunMatch(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg := DefaultConfig()
	fs := flag.NewFlagSet("xiaoqi match", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.bindCommon(fs, getenv)
	allocate := fs.Bool("allocate", false, "allocate graduates to open positions province-wide (required)")
	region := fs.String("region", "", "limit to a region: 关中, 陕南 or 陕北")
	city := fs.String("city", "", "limit to a city")
	sector := fs.String("sector", "", "limit to a sector (software, finance, …)")
	asJSON := fs.Bool("json", false, "print the allocation as JSON with every assignment")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "用法 Usage: xiaoqi match --allocate [--region 关中] [--city 西安] [--sector software] [--json] [flags]\n\n全省统筹分配 Allocates graduates a year to open positions with institution capacities, beside greedy per-enterprise ranking. Flags:\n")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !*allocate {
		fmt.Fprintln(stderr, "须指定 --allocate / xiaoqi match: --allocate is required")
		return errUsage
	}
	sec, known := xiaoqi.SectorOf(*sector)
	reg, regional := xiaoqi.RegionNamed(*region)
	scope := xiaoqi.Scope{Region: reg, City: xiaoqi.NormalizeCity(*city), Sector: sec}
	if *region != "" && !regional {
		return xiaoqi.Errorf(xiaoqi.EINVALID, "区域无效：--region 须为关中、陕南或陕北，不能是 %[1]q / --region must be 关中 (Guanzhong), 陕南 (Shaannan) or 陕北 (Shaanbei), not %[1]q", *region)
	}
	if *sector != "" && !known {
		return xiaoqi.Errorf(xiaoqi.EINVALID, "未知领域：--sector %[1]q，可选：%[2]s / --sector: unknown sector %[1]q, one of: %[3]s", *sector,
			xiaoqi.SectorChoices(true), xiaoqi.SectorChoices(false))
	}
	store, logger, err := openTask(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	tax, err := loadTaxonomy(logger)
	if err != nil {
		return err
	}
	points, err := seed.CityPoints()
	if err != nil {
		return err
	}
	a, err := match.New(store, tax).WithPlaces(points).Allocate(ctx, scope, 0)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(a)
	}
	note := ""
	if a.Estimated {
		note = "（部分毕业生人数为估算 some graduate counts are estimates）"
	}
	if a.Synthetic {
		note += "（含合成数据 includes synthetic data）"
	}
	fmt.Fprintf(stdout, "%s\n%s\n%s\n%s\n%s%s\n", a.Allocation.ZH, a.Allocation.EN, a.Greedy.ZH, a.Greedy.EN,
		fmt.Sprintf("分配 %[2]d 对 / %[1]d assignments", len(a.Assignments), len(a.Assignments)), note)
	return nil
}

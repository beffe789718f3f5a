package api

import (
	"encoding/json"

	"github.com/gin-gonic/gin"

	"github.com/xiaoqi-dev/xiaoqi"
)

// ontoStored returns d written onto the stored document of the same natural key (an
// institution's code, an enterprise's credit code, a program's school, major and degree), and
// that stored document; d itself and nil when none is stored. A POST of a known school with
// three fields then changes those three and keeps the rest (authority, level, place, source),
// as an import does, instead of replacing the record with what the POST happened to say.
func (s *Server) ontoStored(c *gin.Context, d xiaoqi.Doc, data []byte) (xiaoqi.Doc, xiaoqi.Doc, error) {
	nk := d.NaturalKey()
	if nk == "" {
		return d, nil, nil
	}
	k := d.Kind()
	old, err := xiaoqi.GetStored(c.Request.Context(), s.store, k, nk)
	if xiaoqi.ErrorCode(err) == xiaoqi.ENOTFOUND {
		return d, nil, nil
	} else if err != nil {
		return nil, nil, err
	}
	stored, err := json.Marshal(old)
	if err != nil {
		return nil, nil, err
	}
	merged := xiaoqi.NewDoc(k)
	if err := json.Unmarshal(stored, merged); err != nil {
		return nil, nil, err
	}
	// Decoded strictly once already; here only the fields the body holds are set.
	if err := json.Unmarshal(data, merged); err != nil {
		return nil, nil, decodeError(err, data, "", merged)
	}
	m := merged.Base()
	m.ID, m.Version = old.Base().ID, d.Base().Version // a version only when the body gave one
	return merged, old, nil
}

package api

import (
	"testing"

	"github.com/xiaoqi-dev/xiaoqi"
	"github.com/xiaoqi-dev/xiaoqi/storetest"
)

// TestMemImportJobs holds the in-memory import jobs (of a store that keeps none) to the
// stores' suite.
func TestMemImportJobs(t *testing.T) {
	storetest.TestImportJobs(t, func(t *testing.T) xiaoqi.ImportJobs { return newMemImportJobs() })
}

package api_test

import (
	"os"
	"testing"

	"github.com/xiaoqi-dev/xiaoqi/internal/logscan"
)

// logSink receives the log of every server the tests start (newEnvWith) and fails the package
// when a line holds a phone number, an e-mail address or an API key (TestMain).
var logSink = logscan.New(nil)

func TestMain(m *testing.M) { os.Exit(logscan.Main(m, logSink, os.Stderr, "api")) }

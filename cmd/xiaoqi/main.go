// Command xiaoqi runs the xiaoqi (校企) talent and training-program matching service and its
// maintenance tasks. It is the one place that reads configuration and wires the store, the
// search index and the API together.
//
//	xiaoqi serve      run the HTTP service (embedded store under ./data by default)
//	xiaoqi seed       load the default data set into the store (--synthetic N: benchmark data)
//	xiaoqi import     import a file of job needs, programs, institutions, enterprises or candidates
//	xiaoqi reindex    rebuild the search index from the store (--reextract: skills first; --places: places first)
//	xiaoqi match      --allocate: the province-wide allocation of graduates to openings
//	xiaoqi users      manage accounts and API keys (the first administrator)
//	xiaoqi copy       copy the whole store into another (embedded ↔ MongoDB), for moving or backing up
//	xiaoqi bench      load-test a running service on this machine
//	xiaoqi healthcheck  exit 0 when this machine's service is ready (container HEALTHCHECK)
//	xiaoqi version    print the version
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"syscall"

	"github.com/xiaoqi-dev/xiaoqi"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const usage = `xiaoqi (校企) — 服务外包人才与培训项目匹配服务
Talent and training-program matching for Shaanxi's service-outsourcing industry.

用法 Usage:
  xiaoqi <command> [flags]

命令 Commands:
  serve     启动服务 Run the HTTP service and web API (default: embedded store in ./data,
            loads the default data set on first start)
  seed      导入默认数据 Load the default data set into the store (safe to repeat);
            --synthetic N generates N synthetic documents for benchmarks
  import    导入文件 Import job needs, programs, institutions, enterprises or candidates from .xlsx/.csv/.json/.jsonl
  reindex   重建索引 Rebuild the search index from the store (stop serve first);
            --reextract first extracts skills again with the current taxonomy;
            --places first reads stored cities and districts again as imports read them
  match     匹配 --allocate: 全省统筹分配 allocate graduates to open positions province-wide,
            with institution capacities, beside greedy per-enterprise ranking (stop serve first)
  users     账户 Manage accounts: add a user (the first administrator), create or revoke
            API keys, set passwords ("xiaoqi users" for the subcommands)
  copy      复制数据 Copy the whole store (documents, accounts, API keys, audit log, import jobs)
            into another, empty one: the embedded store into MongoDB to scale out, or back
  bench     压力测试 Load-test a running server on this machine: QPS, p50/p99, errors, memory
  healthcheck 健康检查 Exit 0 if this machine's serve (XIAOQI_ADDR, XIAOQI_TLS_CERT) or --url is ready (container HEALTHCHECK)
  version   版本 Print the version

Run "xiaoqi <command> --help" for the flags of a command. The flags whose help names an
XIAOQI_* environment variable (all of serve's, the store and log flags of every command)
can also be set with it; flags win over the environment.

例子 Examples:
  xiaoqi serve                                  # http://localhost:8080, data in ./data
  xiaoqi serve --addr :9090 --data-dir /var/lib/xiaoqi
  XIAOQI_MONGODB_URI=mongodb://db:27017/xiaoqi xiaoqi serve
  curl 'localhost:8080/api/v1/search?q=软件测试&city=西安'
  xiaoqi match --allocate --region 关中           # allocation of 关中, beside greedy ranking
`

// run executes one command line and returns the process exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = runServe(ctx, args[1:], getenv, stdout, stderr)
	case "seed":
		err = RunSeed(ctx, args[1:], getenv, stdout, stderr)
	case "import":
		err = RunImport(ctx, args[1:], getenv, stdout, stderr)
	case "reindex":
		err = RunReindex(ctx, args[1:], getenv, stdout, stderr)
	case "match":
		err = RunMatch(ctx, args[1:], getenv, stdout, stderr)
	case "bench":
		err = RunBench(ctx, args[1:], getenv, stdout, stderr)
	case "users":
		err = RunUsers(ctx, args[1:], getenv, os.Stdin, stdout, stderr)
	case "copy":
		err = RunCopy(ctx, args[1:], getenv, stdout, stderr)
	case "healthcheck":
		err = runHealthcheck(ctx, args[1:], getenv, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, "xiaoqi", version)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "xiaoqi: 未知命令 / unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	if c := xiaoqi.ErrorCode(err); c == xiaoqi.EINVALID || c == xiaoqi.ETOOLARGE || c == xiaoqi.ENOTFOUND || c == xiaoqi.ECONFLICT {
		// A refusal says what to change, without the "xiaoqi invalid:" of its Error.
		fmt.Fprintf(stderr, "xiaoqi %s: %s\n", args[0], xiaoqi.ErrorMessage(err))
		return 1
	}
	fmt.Fprintf(stderr, "xiaoqi %s: %v\n", args[0], err)
	return 1
}

// errUsage marks a command line that could not be parsed; the flag package has printed why.
var errUsage = errors.New("usage")

// parseFlags parses args into fs, turning flag errors into errUsage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	// The flag package says what is wrong in English only ("flag provided but not defined:
	// -frob", "invalid value \"5\" for flag -expires: parse error"): its first line is said in
	// Chinese too, before the usage it prints.
	out := fs.Output()
	var buf bytes.Buffer
	fs.SetOutput(&buf)
	err := fs.Parse(args)
	fs.SetOutput(out)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			_, _ = buf.WriteTo(out)
			return err
		}
		first, rest, _ := strings.Cut(buf.String(), "\n")
		fmt.Fprintf(out, "%s\n%s", flagErrorText(first), rest)
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "多余的参数 %[1]q / unexpected argument %[1]q\n", fs.Arg(0))
		return errUsage
	}
	return nil
}

var (
	flagUndefined = regexp.MustCompile(`^flag provided but not defined: (-\S+)$`)
	flagNoValue   = regexp.MustCompile(`^flag needs an argument: (-\S+)$`)
	flagBadValue  = regexp.MustCompile(`^invalid (?:boolean )?value (".*") for (?:flag )?(-\S+): (parse error|value out of range)$`)
)

// flagErrorText says the flag package's English error line in Chinese and English; a line
// it does not know (a flag.Value's own error, already in both) is left as it is.
func flagErrorText(line string) string {
	if m := flagUndefined.FindStringSubmatch(line); m != nil {
		return fmt.Sprintf("未知参数 %[1]s / unknown flag %[1]s", m[1])
	}
	if m := flagNoValue.FindStringSubmatch(line); m != nil {
		return fmt.Sprintf("参数 %[1]s 缺少取值 / flag %[1]s needs a value", m[1])
	}
	if m := flagBadValue.FindStringSubmatch(line); m != nil {
		zh := "无法解析"
		if m[3] == "value out of range" {
			zh = "超出范围"
		}
		return fmt.Sprintf("参数 %[1]s 的值 %[2]s 无效（%[3]s） / flag %[1]s: invalid value %[2]s (%[4]s)", m[2], m[1], zh, m[3])
	}
	return line
}

package skill_test

import (
	"strings"
	"testing"
)

// BenchmarkExtract measures extraction over the labelled job texts, about 60 KB of mixed
// Chinese and English; the MB/s column is the figure to watch (target: 20 MB/s on one core).
func BenchmarkExtract(b *testing.B) {
	tx := load(b)
	var sb strings.Builder
	for _, j := range readJobs(b) {
		sb.WriteString(j.text)
		sb.WriteString("\n\n")
	}
	text := sb.String()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tx.Extract(text)
	}
}

// BenchmarkExtractShort measures one job text at a time, as an import does.
func BenchmarkExtractShort(b *testing.B) {
	tx := load(b)
	jobs := readJobs(b)
	total := 0
	for _, j := range jobs {
		total += len(j.text)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, j := range jobs {
			tx.Extract(j.text)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		load(b)
	}
}

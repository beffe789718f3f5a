package ingest

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Encoding names as reports show them.
const (
	EncodingUTF8    = "utf-8"
	EncodingUTF8BOM = "utf-8-bom"
	EncodingGB18030 = "gb18030"
	EncodingUTF16LE = "utf-16le"
	EncodingUTF16BE = "utf-16be"
)

// detectWindow is how many bytes after the first non-ASCII byte decide between UTF-8 and GB18030.
const detectWindow = 64 << 10

// lookupEncoding returns the decoder for an encoding name given by a user: any WHATWG label
// (gbk, gb2312, gb18030, big5, utf-16le, shift_jis …). GBK and GB2312 are read as GB18030,
// which contains both.
func lookupEncoding(name string) (encoding.Encoding, string, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	switch n {
	case "gbk", "gb2312", "gb18030", "cp936", "936", "gb-18030", "euc-cn":
		return simplifiedchinese.GB18030, EncodingGB18030, nil
	case "utf8", "utf-8":
		return nil, EncodingUTF8, nil
	}
	e, err := htmlindex.Get(n)
	if err != nil {
		return nil, "", xiaoqi.Errorf(xiaoqi.EINVALID, "无法识别的编码 %[1]q（可用 utf-8、gbk、gb18030、utf-16le……） / unknown encoding %[1]q (use utf-8, gbk, gb18030, utf-16le …)", name)
	}
	canon, _ := htmlindex.Name(e)
	if canon == "utf-8" {
		return nil, EncodingUTF8, nil
	}
	return e, canon, nil
}

// decodedReader turns r into UTF-8. With enc empty it recognises a byte-order mark (UTF-8,
// UTF-16) and otherwise decides between UTF-8 and GB18030 at the first non-ASCII byte, so
// that a file whose first megabytes are ASCII is still read right. name reports the
// encoding once known.
type decodedReader struct {
	br   *bufio.Reader
	r    io.Reader // set once the encoding is decided
	name string
}

func newDecodedReader(r io.Reader, enc string) (*decodedReader, error) {
	d := &decodedReader{br: bufio.NewReaderSize(r, detectWindow+4096)}
	head, _ := d.br.Peek(3)
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		d.br.Discard(3)
		if enc == "" || isUTF8Name(enc) {
			d.r, d.name = d.br, EncodingUTF8BOM
			return d, nil
		}
	case enc == "" && (bytes.HasPrefix(head, []byte("\xff\xfe")) || bytes.HasPrefix(head, []byte("\xfe\xff"))):
		// Excel's "Unicode text" is UTF-16 with a byte-order mark.
		d.name = EncodingUTF16LE
		if head[0] == 0xfe {
			d.name = EncodingUTF16BE
		}
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		d.r = transform.NewReader(d.br, dec)
		return d, nil
	}
	if enc == "" {
		return d, nil
	}
	e, name, err := lookupEncoding(enc)
	if err != nil {
		return nil, err
	}
	d.name = name
	if e == nil {
		d.r = d.br
	} else {
		d.r = transform.NewReader(d.br, e.NewDecoder())
	}
	return d, nil
}

func isUTF8Name(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return s == "utf-8" || s == "utf8"
}

// Encoding returns the encoding read so far: "" while only ASCII has been seen.
func (d *decodedReader) Encoding() string {
	if d.name == "" && d.r == nil {
		return ""
	}
	return d.name
}

func (d *decodedReader) Read(p []byte) (int, error) {
	if d.r != nil {
		return d.r.Read(p)
	}
	if len(p) == 0 {
		return 0, nil
	}
	window, err := d.br.Peek(detectWindow)
	if len(window) == 0 {
		return 0, err
	}
	i := 0
	for i < len(window) && window[i] < utf8.RuneSelf {
		i++
	}
	if i > 0 {
		n := copy(p, window[:i])
		d.br.Discard(n)
		return n, nil
	}
	// A non-ASCII byte: decide on what follows.
	if looksUTF8(window, err != nil) {
		d.r, d.name = d.br, EncodingUTF8
	} else {
		d.r, d.name = transform.NewReader(d.br, simplifiedchinese.GB18030.NewDecoder()), EncodingGB18030
	}
	return d.r.Read(p)
}

// looksUTF8 reports whether b is valid UTF-8, allowing a rune cut at the end of the window
// unless the input ends there.
func looksUTF8(b []byte, atEOF bool) bool {
	if utf8.Valid(b) {
		return true
	}
	if atEOF {
		return false
	}
	for cut := 1; cut <= 3 && cut < len(b); cut++ {
		if utf8.Valid(b[:len(b)-cut]) && !utf8.FullRune(b[len(b)-cut:]) {
			return true
		}
	}
	return false
}

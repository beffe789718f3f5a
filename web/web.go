package web

import (
	"embed"
	"encoding/json"
	"io/fs"
	"net/http"
	"strings"

	"github.com/xiaoqi-dev/xiaoqi"
)

//go:embed static
var static embed.FS

// placesJSON is /assets/places.json: the table of the places' English names.
var placesJSON = func() []byte {
	data, err := json.Marshal(xiaoqi.PlaceNames())
	if err != nil {
		panic("web: places.json: " + err.Error()) // strings only; cannot fail
	}
	return data
}()

// Assets returns the embedded files: index.html and assets/… (for tests and tools).
func Assets() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic("web: " + err.Error()) // "static" is embedded above; cannot fail
	}
	return sub
}

// Handler serves the UI: GET or HEAD of "/" (and "/index.html") answers the page, "/assets/…"
// the embedded scripts, styles and images; anything else is 404. It sets no security headers:
// the API server that mounts it sends them.
func Handler() http.Handler {
	files := Assets()
	assets := http.FileServerFS(files)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "方法不允许 method not allowed", http.StatusMethodNotAllowed)
			return
		}
		switch p := r.URL.Path; {
		case p == "/assets/places.json":
			// The English names of places (xiaoqi.PlaceNames), for the English UI.
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			_, _ = w.Write(placesJSON)
		case p == "/" || p == "/index.html":
			http.ServeFileFS(w, r, files, "index.html")
		case strings.HasPrefix(p, "/assets/") && !strings.HasSuffix(p, "/"):
			assets.ServeHTTP(w, r)
		default:
			http.NotFound(w, r)
		}
	})
}

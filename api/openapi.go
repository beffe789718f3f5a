package api

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// openAPIDocument is the OpenAPI 3 description of every route of the server, served at
// GET /api/v1/openapi.json. (A string, so that nothing can change it.) It is written by hand; openapi_test.go keeps it honest: it fails
// when a route gin serves is missing from it or it lists one gin does not serve, when a query
// parameter it declares is refused by its handler, when the search parameters differ from the
// ones the handler accepts, when a schema of a domain type lacks a field of the Go type, and
// when the document is not valid OpenAPI 3. Change it together with the handlers.
//
//go:embed openapi.json
var openAPIDocument string

// openAPI answers GET /api/v1/openapi.json.
func (s *Server) openAPI(c *gin.Context) {
	if err := noParams(c); err != nil {
		s.writeError(c, err)
		return
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", []byte(openAPIDocument))
}

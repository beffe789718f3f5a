//go:build deps

package xiaoqi

import (
	_ "github.com/FerretDB/FerretDB/ferretdb"
	_ "github.com/blevesearch/bleve/v2"
	_ "github.com/gin-gonic/gin"
	_ "go.etcd.io/bbolt"
	_ "go.mongodb.org/mongo-driver/v2/mongo"
)

module github.com/xiaoqi-dev/xiaoqi/scripts/placenames

go 1.22

require github.com/mozillazg/go-pinyin v0.21.0

// Package web holds xiaoqi's browser interface: plain HTML, CSS and JavaScript modules embedded
// in the binary with //go:embed, with no build step. Handler serves index.html at "/" and the
// files under static/assets at "/assets/"; package api mounts it when api.Config.UI is set
// and sends the UI's Content-Security-Policy (only 'self', no inline scripts or styles).
//
// The page is one application routed by the URL fragment (#/search, #/explore, #/policy,
// #/institution, #/hr, #/admin, #/me, #/signin), so that the server needs only two routes. Every text
// lives in static/assets/i18n.json in Chinese and English; the language switch is stored in
// localStorage. Texts that come from the API are always inserted as text nodes: the only
// markup taken from the API is the <mark> of search snippets, rebuilt element by element.
package web

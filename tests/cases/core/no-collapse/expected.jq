# --no-collapse draws every interface: five nodes instead of two.
.nodes | map(select(.interfaces)) | map([.id, .interfaces, .cluster]) == [["n-app-cached-1", ["app-cached-1"], "c-cache-clients"], ["n-app-cached-2", ["app-cached-2"], "c-cache-clients"], ["n-app-plain-1", ["app-plain-1"], "c-app"], ["n-app-plain-2", ["app-plain-2"], "c-app"], ["n-app-plain-3", ["app-plain-3"], "c-app"]]

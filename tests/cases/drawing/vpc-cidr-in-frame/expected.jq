.nodes | map(select(.peer)) | map([.id, .label, .frame]) == [["p-10.20.0.0/16", "shop", "v-shop"], ["p-10.99.0.0/16", null, null]]

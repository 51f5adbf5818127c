# Rules (-f json): 0, 1 app's ingress of 9000 and 9999, 3 scraper's egress to the internet, 4 to app.
.edges | map(select(.from == "c-scraper" and .to == "c-app")) | map([.style, .labels, .rules]) == [["flow", ["tcp/9000"], [0, 4]], ["ingress-only", ["tcp/9999"], [1]]]
.legend | map(.style) == ["flow", "ingress-only"]
.legend[1].text == "allowed by the destination's ingress, blocked by the source's egress"

# Ids are made of safe characters only (hostile bytes as ~XX), and the text
# of labels and group ids is exact.
[.frames[], .clusters[], .nodes[], .edges[] | .id | test("^[vchnpxe]-[A-Za-z0-9._:/~,-]*$")] | all
.clusters | map(.groups[0]) | sort == ["<b>admin</b>", "web</text><script>alert(1)</script>"]
.nodes | map(select(.interfaces == ["\\N<img src=x onerror=alert(1)>"])) | length == 1 and .[0].label == "\\N<img src=x onerror=alert(1)>"
.frames[0].vpc == "vpc \"</text><script>alert(1)</script>"

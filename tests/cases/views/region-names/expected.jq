# One region node per kind and groups, whatever the owners: named by the
# start their names share (worker-*), else by both names when two, else by
# the first and a count; "names" lists each one.
[.nodes[] | select(.interfaces) | .interfaces | length] == [2, 1, 3, 4]
[.nodes[] | select(.interfaces) | .label] == ["hourly, nightly", "job-3", "ocr and 2 more", "worker-*"]
(.nodes[] | select(.id == "n-worker-a")) | .names == ["worker-a", "worker-b", "worker-c", "worker-d"]
(.nodes[] | select(.id == "n-ocr")) | .names == ["ocr", "resize", "thumbnail"]

# One region node per kind and groups, whatever the owners: named by the
# start their names share (worker-*, and a numbered series to its number:
# NATGateway*; an id's hex is no series: i-0a12, i-0a13), else by both
# names when two, else by the first and an ellipsis, never a count (the
# drawing writes "×3" after the name, and "ocr and 2 more ×3" counted
# twice); "names" lists each one.
[.nodes[] | select(.interfaces) | .interfaces | length] == [3, 2, 2, 1, 3, 4]
[.nodes[] | select(.interfaces) | .label] == ["NATGateway*", "hourly, nightly", "i-0a12, i-0a13", "job-3", "ocr, …", "worker-*"]
(.nodes[] | select(.id == "n-worker-a")) | .names == ["worker-a", "worker-b", "worker-c", "worker-d"]
(.nodes[] | select(.id == "n-ocr")) | .names == ["ocr", "resize", "thumbnail"]

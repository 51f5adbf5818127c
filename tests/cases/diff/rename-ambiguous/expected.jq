# Two equal candidates on each side: no rename is guessed; two groups added,
# two removed
[.groups[] | select(.change == "added")] | length == 2
[.groups[] | select(.change == "removed")] | length == 2
[.groups[] | select(.probable_rename)] | length == 0

# Other rules under the new name: no rename guessed, one group added and one removed
[.groups[] | select(.change == "added")] | map(.id) == ["game-servers-production"]
[.groups[] | select(.change == "removed")] | map(.id) == ["allow-https-8443"]
[.groups[] | select(.probable_rename)] | length == 0

# --expect-none: tcp/443 is reachable from the internet, so the exit status is 1
.summary.reachable == 2 and all(.answers[]; .answer == "yes" and .ports == "tcp/443")

# Numbers sgmap does not read may be any JSON number (1e999 and a 23-digit
# integer here), and one written as a real (4.43e2) reads as the integer it is.
[.rules[] | .label] == ["tcp/443"]

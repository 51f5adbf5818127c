# The raster guard and --scale: a PNG (at most 32,767 px a side) or a PDF
# (read at most 14,400 pt a side) whose text must shrink below 6 px (pt)
# to fit is still written, with a warning that gives the sizes and the way
# out; a small drawing warns of nothing; --scale 2 doubles a PNG's pixels.
set -u
cd "$(mktemp -d ./raster.XXXXXX)" || exit 1
fail=0
# 650 groups of one interface and no rule, drawn with their interfaces
# (--detail regions; by size sgmap would choose the group level): one column
# about 63,700 pt tall.
{
    echo "groups:"
    i=0; while [ $i -lt 650 ]; do printf '  g%04d: {}\n' $i; i=$((i + 1)); done
    echo "interfaces:"
    i=0; while [ $i -lt 650 ]; do printf '  - {name: i%04d, kind: ec2, groups: [g%04d]}\n' $i $i; i=$((i + 1)); done
} > tall.yaml

# png_size FILE: "WIDTH HEIGHT" from the IHDR chunk.
png_size() {
    od -An -tu1 -j16 -N8 "$1" | awk '{ print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'
}

"$SGMAP" --detail regions tall.yaml -o tall.png 2> png.err || { echo "the tall PNG failed"; cat png.err; fail=1; }
[ -s tall.png ] || { echo "the tall PNG was not written"; fail=1; }
grep -Eq '^sgmap: warning: the drawing is [0-9,]+ pt tall: shrunk to fit PNG.s 32,767 px, its text would be [0-5]\.[0-9] px; try -f html, --split or --group$' png.err ||
    { echo "no raster warning for the tall PNG:"; cat png.err; fail=1; }
set -- $(png_size tall.png)
[ "$2" -le 32767 ] || { echo "the PNG is $2 px tall"; fail=1; }
"$SGMAP" -q --detail regions tall.yaml -o tall.pdf 2> pdf.err || { echo "the tall PDF failed"; fail=1; }
grep -Eq "^sgmap: warning: the drawing is [0-9,]+ pt tall: shrunk to fit PDF.s 14,400 pt, its text would be [0-5]\.[0-9] pt; try -f html, --split or --group$" pdf.err ||
    { echo "no raster warning for the tall PDF:"; cat pdf.err; fail=1; }

small="$TESTS/../samples/game-production-5-alb.yaml"
"$SGMAP" "$small" -o small.png 2> small.err || { echo "the small PNG failed"; fail=1; }
[ -s small.err ] && { echo "a small PNG warned:"; cat small.err; fail=1; }
"$SGMAP" --scale 2 "$small" -o small2.png 2> small2.err || { echo "--scale 2 failed"; fail=1; }
[ -s small2.err ] && { echo "--scale 2 warned:"; cat small2.err; fail=1; }
set -- $(png_size small.png)
w1=$1 h1=$2
set -- $(png_size small2.png)
# Twice the pixels, give or take Graphviz's rounding.
[ $(( $1 - 2 * w1 )) -ge -2 ] && [ $(( $1 - 2 * w1 )) -le 2 ] &&
    [ $(( $2 - 2 * h1 )) -ge -2 ] && [ $(( $2 - 2 * h1 )) -le 2 ] ||
    { echo "--scale 2 drew ${1}x$2 px, not twice ${w1}x$h1"; fail=1; }
exit $fail

# Hostile text (markup, Graphviz escapes, entities, backslashes) must come
# out of the SVG renderer literally: no live element, no link, no expansion.
set -u
in="$TESTS/cases/core/hostile-text/input.yaml"
"$SGMAP" "$in" -o out.svg || { echo "render failed"; exit 1; }
fail=0
# Any '<' in the SVG starts a real element (text has it as &lt;) and a '"'
# always ends an attribute value (text has it as &quot;): drop the values,
# then look for elements and attributes that could run script or link.
sed -E 's/"[^"]*"/""/g' out.svg > bare.svg
for bad in '<script' '<img' '<b>' '<a[^>]*href' '<[^>]*xlink:href' '<[^>]*[[:space:]]on[a-z]+=' \
           '<foreignObject' '<iframe'; do
    if grep -qE -- "$bad" bare.svg; then echo "live markup in SVG: $bad"; fail=1; fi
done
# Literal text survives: the backslash sequences are not expanded.
for want in '\N&lt;img src=x onerror=alert(1)&gt;' '\N \G \l' 'C:\path' \
            'web&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;' '&amp;amp;'; do
    if ! grep -qF -- "$want" out.svg; then echo "missing literal text: $want"; fail=1; fi
done
exit $fail

# render --split: one drawing per VPC or per connected component, in the
# folder of -o, with an index linking them; file names from the VPC id or
# the component's first group, sanitized and made unique, the same on every
# run.
set -u
cd "$(mktemp -d ./split.XXXXXX)" || exit 1
fail=0
cat > a.yaml <<'YAML'
vpc: vpc-a/prod
groups:
  web:
    ingress:
      - from: 0.0.0.0/0
        ports: tcp/443
  db:
    ingress:
      - from: web
        ports: tcp/5432
  cache: {}
  "x/y": {}
  "x:y": {}
interfaces:
  - {name: web-1, kind: ec2, groups: [web]}
  - {name: db-1, kind: rds, groups: [db]}
  - {name: cache-1, kind: ec2, groups: [cache]}
  - {name: xy-1, kind: ec2, groups: ["x/y"]}
  - {name: xy-2, kind: ec2, groups: ["x:y"]}
YAML
cat > b.yaml <<'YAML'
vpc: vpc b
groups:
  api: {}
interfaces:
  - {name: api-1, kind: lambda, groups: [api]}
YAML

"$SGMAP" -q --split vpc -o by-vpc a.yaml b.yaml || { echo "--split vpc failed"; fail=1; }
[ "$(ls by-vpc | tr '\n' ' ')" = "index.md vpc-a_prod.svg vpc_b.svg " ] ||
    { echo "--split vpc wrote: $(ls by-vpc | tr '\n' ' ')"; fail=1; }
cat > want.md <<'MD'
# sgmap: one drawing per vpc

- [VPC vpc b](vpc_b.svg) (1 group)
- [VPC vpc-a/prod](vpc-a_prod.svg) (5 groups)
MD
cmp -s want.md by-vpc/index.md || { echo "index.md of --split vpc:"; diff want.md by-vpc/index.md; fail=1; }
grep -q 'id="c&#45;web"' by-vpc/vpc-a_prod.svg && ! grep -q 'id="c&#45;api"' by-vpc/vpc-a_prod.svg ||
    { echo "vpc-a_prod.svg does not hold exactly its VPC's groups"; fail=1; }
grep -q 'id="c&#45;api"' by-vpc/vpc_b.svg && ! grep -q 'id="c&#45;web"' by-vpc/vpc_b.svg ||
    { echo "vpc_b.svg does not hold exactly its VPC's groups"; fail=1; }

# Components: db+web (a rule), cache, x/y and x:y (apart), api.
"$SGMAP" -q --split component -f mermaid -o by-component a.yaml b.yaml ||
    { echo "--split component failed"; fail=1; }
[ "$(ls by-component | tr '\n' ' ')" = "api.mmd cache.mmd db.mmd index.md x_y-2.mmd x_y.mmd " ] ||
    { echo "--split component wrote: $(ls by-component | tr '\n' ' ')"; fail=1; }
cat > want.md <<'MD'
# sgmap: one drawing per component

- [component of api](api.mmd) (1 group)
- [component of cache](cache.mmd) (1 group)
- [component of db](db.mmd) (2 groups)
- [component of x/y](x_y.mmd) (1 group)
- [component of x:y](x_y-2.mmd) (1 group)
MD
cmp -s want.md by-component/index.md ||
    { echo "index.md of --split component:"; diff want.md by-component/index.md; fail=1; }
grep -q '"web"' by-component/db.mmd && grep -q '"db"' by-component/db.mmd &&
    ! grep -q '"cache"' by-component/db.mmd || { echo "db.mmd is not the db+web component"; fail=1; }

# A PNG split carries the notes table as any PNG does (PNG has no tooltips
# for the rules' descriptions): each part is the PNG of its VPC drawn alone,
# and --no-notes leaves the table out of both.
"$SGMAP" -q --split vpc -f png -o png-split a.yaml b.yaml &&
    "$SGMAP" -q --vpc vpc-a/prod -o alone.png a.yaml b.yaml &&
    "$SGMAP" -q --split vpc -f png --no-notes -o png-bare a.yaml b.yaml &&
    "$SGMAP" -q --vpc vpc-a/prod --no-notes -o alone-bare.png a.yaml b.yaml ||
    { echo "--split vpc -f png failed"; fail=1; }
cmp -s png-split/vpc-a_prod.png alone.png || { echo "the split PNG is not its VPC's PNG (notes table)"; fail=1; }
cmp -s png-bare/vpc-a_prod.png alone-bare.png && ! cmp -s alone.png alone-bare.png ||
    { echo "--split -f png --no-notes: not the bare PNG"; fail=1; }

# HTML maps get an HTML index; the same inputs give the same files.
"$SGMAP" -q --split component -f html -o html1 a.yaml b.yaml && \
"$SGMAP" -q --split component -f html -o html2 a.yaml b.yaml || { echo "-f html split failed"; fail=1; }
[ -f html1/index.html ] && [ ! -f html1/index.md ] && [ -f html1/db.html ] || { echo "no index.html"; fail=1; }
grep -q '<a href="db.html">component of db</a>' html1/index.html || { echo "index.html lacks db.html"; fail=1; }
diff -r html1 html2 > /dev/null || { echo "two runs gave different files"; fail=1; }
exit $fail

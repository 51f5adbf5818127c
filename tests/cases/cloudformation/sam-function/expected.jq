# SAM functions with VpcConfig are Lambda interfaces in their groups.
.interfaces | map([.id, .kind, .groups]) == [["ApiFunction", "lambda", ["FunctionGroup"]], ["WorkerFunction", "lambda", ["FunctionGroup", "import:shared-workers"]]]

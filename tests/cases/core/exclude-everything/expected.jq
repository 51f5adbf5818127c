# --exclude '*' leaves nothing to draw: a warning, and an empty drawing.
.frames == [] and .clusters == [] and .nodes == [] and .edges == []
.empty == "--exclude, --vpc and --group leave no group or interface"

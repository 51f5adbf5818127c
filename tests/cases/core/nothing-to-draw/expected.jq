# No groups and no interfaces: a warning, and an empty drawing.
.frames == [] and .clusters == [] and .nodes == [] and .edges == [] and .legend == []
.empty == "the inputs hold no security groups or network interfaces"

# Drawn in the VPC's frame, labelled by its name.
.nodes | map([.id, .label, .frame]) == [["n-ecs:prometheus", "prometheus", "v-vpc-0game"]]

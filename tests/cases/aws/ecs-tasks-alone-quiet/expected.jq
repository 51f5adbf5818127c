.interfaces | map([.id, .kind, .label, .groups]) == [["eni-0e000001", "ecs", "prometheus", []], ["eni-0e000002", "ecs", "ECS task", []]]

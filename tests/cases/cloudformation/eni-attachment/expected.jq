# An instance's ENIs (attached inline or by a NetworkInterfaceAttachment) are
# interfaces of the instance, each in its own groups; an ENI attached to nothing keeps its id.
.interfaces | map([.id, .label, .groups]) == [["Eth0", "Bastion", ["Ssh"]], ["Eth1", "Bastion", ["Monitoring"]], ["Loose", "Loose", ["Ssh"]]]

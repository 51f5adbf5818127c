#!/usr/bin/env python3
"""add_network.py DIR - give a generated account (tests/bench/gen_account.c)
network context, for timing sgmap reach with NACLs and routes: one NACL per
subnet (deny tcp/22 from the internet, then allow all), one route table per
subnet (half of them with 0.0.0.0/0 to the VPC's internet gateway), the
subnets' CIDRs, and a public address on every third interface. Rewrites
DIR/describe-network-interfaces.json and writes four describe-* files."""
import json
import sys

d = sys.argv[1]
enis = json.load(open(d + '/describe-network-interfaces.json'))
for i, x in enumerate(enis['NetworkInterfaces']):
    if i % 3 == 0:
        x['Association'] = {'PublicIp': '198.51.%d.%d' % (i // 250 % 256, i % 250 + 1)}
json.dump(enis, open(d + '/describe-network-interfaces.json', 'w'), indent=4)
subnets = sorted({(x['SubnetId'], x['VpcId']) for x in enis['NetworkInterfaces']})
acls, tables, rows = [], [], []
for k, (s, v) in enumerate(subnets):
    rows.append({'SubnetId': s, 'VpcId': v, 'CidrBlock': '10.%d.0.0/16' % k})
    entries = [
        {'RuleNumber': 90, 'Egress': False, 'RuleAction': 'deny', 'Protocol': '6',
         'PortRange': {'From': 22, 'To': 22}, 'CidrBlock': '0.0.0.0/0'},
        {'RuleNumber': 100, 'Egress': False, 'RuleAction': 'allow', 'Protocol': '-1',
         'CidrBlock': '0.0.0.0/0'},
        {'RuleNumber': 100, 'Egress': True, 'RuleAction': 'allow', 'Protocol': '-1',
         'CidrBlock': '0.0.0.0/0'}]
    acls.append({'NetworkAclId': 'acl-%d' % k, 'VpcId': v, 'IsDefault': False,
                 'Associations': [{'NetworkAclAssociationId': 'aclassoc-%d' % k,
                                   'NetworkAclId': 'acl-%d' % k, 'SubnetId': s}],
                 'Entries': entries})
    routes = [{'DestinationCidrBlock': '10.0.0.0/8', 'GatewayId': 'local'}]
    if k % 2 == 0:
        routes.append({'DestinationCidrBlock': '0.0.0.0/0', 'GatewayId': 'igw-' + v[4:]})
    tables.append({'RouteTableId': 'rtb-%d' % k, 'VpcId': v,
                   'Associations': [{'RouteTableAssociationId': 'rtbassoc-%d' % k,
                                     'RouteTableId': 'rtb-%d' % k, 'SubnetId': s,
                                     'Main': False}],
                   'Routes': routes})
gateways = [{'InternetGatewayId': 'igw-' + v[4:], 'Attachments': [{'VpcId': v, 'State': 'available'}]}
            for v in sorted({v for _, v in subnets})]
json.dump({'Subnets': rows}, open(d + '/describe-subnets.json', 'w'))
json.dump({'NetworkAcls': acls}, open(d + '/describe-network-acls.json', 'w'))
json.dump({'RouteTables': tables}, open(d + '/describe-route-tables.json', 'w'))
json.dump({'InternetGateways': gateways}, open(d + '/describe-internet-gateways.json', 'w'))

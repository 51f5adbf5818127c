/*
 * aws_kinds.c - the one table of AWS resources and services: the kind each
 * is drawn as, its label's service name, and its names in CloudFormation,
 * Terraform and AWS CLI output (see aws_kinds.h). Where the membership
 * lives in a resource (property paths) is each importer's own business.
 */
#include <stddef.h>
#include <string.h>

#include "aws_kinds.h"

/* Several rows may share a kind; a name is looked up in its own column,
 * first match wins. */
static const struct aws_kind kinds[] = {
    /* Compute */
    {KIND_EC2, NULL, "AWS::EC2::Instance", "aws_instance", NULL, NULL},
    {KIND_EC2, NULL, NULL, "aws_spot_instance_request", NULL, NULL},
    {KIND_EC2, NULL, "AWS::EC2::LaunchTemplate", "aws_launch_template", NULL, NULL},
    {KIND_EC2, NULL, "AWS::AutoScaling::LaunchConfiguration", "aws_launch_configuration", NULL,
     NULL},
    {KIND_EC2, NULL, "AWS::AutoScaling::AutoScalingGroup", NULL, NULL, NULL},
    {KIND_EC2, NULL, "AWS::EKS::Nodegroup", NULL, NULL, NULL},
    {KIND_OTHER, NULL, "AWS::EC2::NetworkInterface", "aws_network_interface", NULL, NULL},
    {KIND_ECS, NULL, "AWS::ECS::Service", "aws_ecs_service", NULL, NULL},
    {KIND_ECS, NULL, "AWS::ECS::TaskSet", NULL, NULL, NULL},
    {KIND_LAMBDA, NULL, "AWS::Lambda::Function", "aws_lambda_function", "lambda", NULL},
    {KIND_LAMBDA, NULL, "AWS::Serverless::Function", NULL, NULL, NULL},
    {KIND_EKS, NULL, "AWS::EKS::Cluster", "aws_eks_cluster", NULL, NULL},
    /* Networking */
    {KIND_NAT, NULL, "AWS::EC2::NatGateway", "aws_nat_gateway", "nat_gateway", NULL},
    {KIND_ALB, NULL, "AWS::ElasticLoadBalancingV2::LoadBalancer", "aws_lb", NULL, NULL},
    {KIND_ALB, NULL, NULL, "aws_alb", NULL, NULL},
    {KIND_CLB, NULL, "AWS::ElasticLoadBalancing::LoadBalancer", "aws_elb", "load_balancer",
     NULL},
    {KIND_NLB, NULL, NULL, NULL, "network_load_balancer", NULL},
    {KIND_GWLB, NULL, NULL, NULL, "gateway_load_balancer", NULL},
    {KIND_ENDPOINT, NULL, "AWS::EC2::VPCEndpoint", "aws_vpc_endpoint", "vpc_endpoint", NULL},
    {KIND_ENDPOINT, NULL, NULL, NULL, "gateway_load_balancer_endpoint", NULL},
    {KIND_OTHER, "vpc-link", "AWS::ApiGatewayV2::VpcLink", "aws_apigatewayv2_vpc_link",
     "api_gateway_managed", "API Gateway VPC link"},
    {KIND_OTHER, "instance-connect", "AWS::EC2::InstanceConnectEndpoint",
     "aws_ec2_instance_connect_endpoint", "ec2_instance_connect_endpoint",
     "EC2 Instance Connect endpoint"},
    {KIND_OTHER, "client-vpn", "AWS::EC2::ClientVpnEndpoint", NULL, NULL, NULL},
    {KIND_OTHER, "route53-resolver", "AWS::Route53Resolver::ResolverEndpoint",
     "aws_route53_resolver_endpoint", NULL, NULL},
    {KIND_OTHER, NULL, NULL, NULL, "transit_gateway", "transit gateway attachment"},
    {KIND_OTHER, NULL, NULL, NULL, "global_accelerator_managed", "Global Accelerator"},
    /* Databases: RDS's interfaces (requester amazon-rds) serve Aurora,
     * RDS Proxy, DocumentDB and Neptune alike. */
    {KIND_RDS, NULL, "AWS::RDS::DBInstance", "aws_db_instance", "amazon-rds", NULL},
    {KIND_RDS, NULL, "AWS::RDS::DBCluster", "aws_rds_cluster", NULL, NULL},
    {KIND_RDS, "db-proxy", "AWS::RDS::DBProxy", "aws_db_proxy", NULL, NULL},
    {KIND_RDS, "docdb", "AWS::DocDB::DBCluster", "aws_docdb_cluster", NULL, NULL},
    {KIND_RDS, "neptune", "AWS::Neptune::DBCluster", "aws_neptune_cluster", NULL, NULL},
    {KIND_ELASTICACHE, NULL, "AWS::ElastiCache::CacheCluster", "aws_elasticache_cluster", NULL,
     NULL},
    {KIND_ELASTICACHE, NULL, "AWS::ElastiCache::ReplicationGroup",
     "aws_elasticache_replication_group", NULL, NULL},
    {KIND_ELASTICACHE, NULL, "AWS::ElastiCache::ServerlessCache",
     "aws_elasticache_serverless_cache", NULL, NULL},
    {KIND_OTHER, "redshift", "AWS::Redshift::Cluster", "aws_redshift_cluster", NULL, NULL},
    {KIND_OTHER, "dms", "AWS::DMS::ReplicationInstance", "aws_dms_replication_instance", NULL,
     NULL},
    /* Storage */
    {KIND_EFS, NULL, "AWS::EFS::MountTarget", "aws_efs_mount_target", "efs", NULL},
    {KIND_OTHER, "fsx", "AWS::FSx::FileSystem", NULL, NULL, NULL},
    /* Other services in a VPC */
    {KIND_OTHER, "mq", "AWS::AmazonMQ::Broker", "aws_mq_broker", NULL, NULL},
    {KIND_OTHER, "msk", "AWS::MSK::Cluster", "aws_msk_cluster", NULL, NULL},
    {KIND_OTHER, "opensearch", "AWS::OpenSearchService::Domain", "aws_opensearch_domain", NULL,
     NULL},
    {KIND_OTHER, "elasticsearch", "AWS::Elasticsearch::Domain", "aws_elasticsearch_domain",
     NULL, NULL},
    {KIND_OTHER, "codebuild", "AWS::CodeBuild::Project", "aws_codebuild_project", NULL, NULL},
    {KIND_OTHER, "batch", "AWS::Batch::ComputeEnvironment", "aws_batch_compute_environment",
     NULL, NULL},
    {KIND_OTHER, "glue", "AWS::Glue::Connection", "aws_glue_connection", NULL, NULL},
    {KIND_OTHER, "apprunner", "AWS::AppRunner::VpcConnector", NULL, NULL, NULL},
    {KIND_OTHER, NULL, NULL, NULL, "quicksight", "QuickSight"},
    {KIND_OTHER, NULL, NULL, NULL, "iot_rules_managed", "IoT rules"},
    {KIND_OTHER, NULL, NULL, NULL, "aws_codestar_connections_managed", "CodeStar Connections"},
    {KIND_OTHER, NULL, NULL, NULL, "evs", "Elastic VMware Service"},
};

#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

/* The first row whose field at offset is name. */
static const struct aws_kind *find(size_t offset, const char *name)
{
    size_t i;

    if (!name)
        return NULL;
    for (i = 0; i < NKINDS; i++) {
        const char *v = *(const char *const *)((const char *)&kinds[i] + offset);
        if (v && strcmp(v, name) == 0)
            return &kinds[i];
    }
    return NULL;
}

const struct aws_kind *aws_kind_by_cfn(const char *type)
{
    return find(offsetof(struct aws_kind, cfn_type), type);
}

const struct aws_kind *aws_kind_by_tf(const char *type)
{
    return find(offsetof(struct aws_kind, tf_type), type);
}

const struct aws_kind *aws_kind_by_eni(const char *type)
{
    return find(offsetof(struct aws_kind, eni_type), type);
}

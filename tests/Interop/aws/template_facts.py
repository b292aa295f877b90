"""Policy and wiring facts of deploy/aws/template.yaml that a linter does not check.

Usage: /usr/bin/python3 template_facts.py TEMPLATE [DYNAMODB_TABLE_CS]
Prints one line per fact, "PASS name" or "FAIL name: why"; exit status 0 when all pass.
"""
import re
import sys

import yaml


class CloudFormationLoader(yaml.SafeLoader):
    """Reads !Ref, !Sub, !GetAtt ... as {"Fn::X": value} so the template loads as plain data."""


def _intrinsic(loader, suffix, node):
    name = "Ref" if suffix == "Ref" else "Fn::" + suffix
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


CloudFormationLoader.add_multi_constructor("!", _intrinsic)


def statements(template):
    """Every IAM statement in the template with where it came from."""
    for name, resource in template["Resources"].items():
        props = resource.get("Properties", {})
        for index, policy in enumerate(props.get("Policies", []) or []):
            document = policy.get("PolicyDocument", policy) if isinstance(policy, dict) else {}
            for statement in document.get("Statement", []):
                yield f"{name}.Policies[{index}]", statement
        for key in ("PolicyDocument", "AssumeRolePolicyDocument"):
            for statement in props.get(key, {}).get("Statement", []):
                yield f"{name}.{key}", statement


def as_list(value):
    return value if isinstance(value, list) else [value]


def check(template, table_source):
    results = []

    def fact(name, ok, why=""):
        results.append((name, ok, why))

    resources = template["Resources"]

    wild = [f"{where}: {action}" for where, st in statements(template) if st.get("Effect") == "Allow"
            for action in as_list(st.get("Action", [])) if isinstance(action, str) and "*" in action]
    fact("no Allow statement grants a wildcard action", not wild, "; ".join(wild))

    star_resources = [where for where, st in statements(template) if st.get("Effect") == "Allow"
                      and "Resource" in st and "*" in as_list(st["Resource"])]
    fact("no Allow statement applies to Resource '*'", not star_resources, "; ".join(star_resources))

    fact("the front door defaults to the Application Load Balancer",
         template["Parameters"]["FrontDoor"].get("Default") == "alb",
         f"default is {template['Parameters']['FrontDoor'].get('Default')!r}")

    alb = [n for n, r in resources.items() if r["Type"].startswith("AWS::ElasticLoadBalancingV2::")]
    http_api = [n for n, r in resources.items() if r["Type"].startswith("AWS::ApiGatewayV2::")]
    fact("load balancer resources exist only under UseAlb",
         alb and all(resources[n].get("Condition") == "UseAlb" for n in alb), ", ".join(alb))
    fact("HTTP API resources exist only under UseHttpApi",
         http_api and all(resources[n].get("Condition") == "UseHttpApi" for n in http_api), ", ".join(http_api))

    groups = [r for r in resources.values() if r["Type"] == "AWS::ElasticLoadBalancingV2::TargetGroup"]
    fact("the target group is of type lambda with multi-value headers",
         len(groups) == 1 and groups[0]["Properties"].get("TargetType") == "lambda"
         and {"Key": "lambda.multi_value_headers.enabled", "Value": "true"} in groups[0]["Properties"].get("TargetGroupAttributes", []))

    listeners = [r["Properties"] for r in resources.values() if r["Type"] == "AWS::ElasticLoadBalancingV2::Listener"]
    fact("the load balancer serves HTTPS with the certificate parameter",
         any(l.get("Protocol") == "HTTPS" and l.get("Certificates") == [{"CertificateArn": {"Ref": "CertificateArn"}}] for l in listeners))

    permissions = [r["Properties"] for r in resources.values() if r["Type"] == "AWS::Lambda::Permission"]
    fact("ELB may invoke the function",
         any(p.get("Principal") == "elasticloadbalancing.amazonaws.com" and p.get("Action") == "lambda:InvokeFunction" for p in permissions))

    function = resources["DavFunction"]["Properties"]
    env = function["Environment"]["Variables"]
    fact("the function runs bootstrap on provided.al2023", function.get("Runtime") == "provided.al2023" and function.get("Handler") == "bootstrap")
    fact("the Lambda Web Adapter layer is attached", any("LambdaAdapterLayer" in str(layer) for layer in function.get("Layers", [])))
    fact("LWA polls /healthz and passes events to /internal/events",
         env.get("AWS_LWA_READINESS_CHECK_PATH") == "/healthz" and env.get("AWS_LWA_PASS_THROUGH_PATH") == "/internal/events"
         and env.get("AWS_LWA_PORT") == "8080", str({k: v for k, v in env.items() if k.startswith("AWS_LWA")}))

    table = next(r["Properties"] for r in resources.values() if r["Type"] == "AWS::DynamoDB::Table")
    fact("the table is on-demand with point-in-time recovery",
         table.get("BillingMode") == "PAY_PER_REQUEST"
         and table.get("PointInTimeRecoverySpecification", {}).get("PointInTimeRecoveryEnabled") is True)

    bucket = next(r["Properties"] for r in resources.values() if r["Type"] == "AWS::S3::Bucket")
    block = bucket.get("PublicAccessBlockConfiguration", {})
    fact("the bucket is private and encrypted",
         all(block.get(k) is True for k in ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"))
         and bool(bucket.get("BucketEncryption")))

    kinds = {r["Type"] for r in resources.values()}
    needed = {"AWS::Scheduler::ScheduleGroup", "AWS::Cognito::UserPool", "AWS::Cognito::UserPoolClient",
              "AWS::Cognito::UserPoolDomain", "AWS::SecretsManager::Secret"}
    fact("scheduler group, Cognito pool/client/domain and the secret are declared", needed <= kinds, str(needed - kinds))

    if table_source is not None:
        constants = dict(re.findall(r'const string (\w+) = "([^"]+)";', table_source))
        declared = {d["AttributeName"] for d in table["AttributeDefinitions"]}
        expected = {constants.get(k) for k in ("PartitionKey", "SortKey", "Gsi1PartitionKey", "Gsi1SortKey", "SequenceAttribute", "RangeLastAttribute")}
        indexes = {i["IndexName"] for i in table.get("GlobalSecondaryIndexes", []) + table.get("LocalSecondaryIndexes", [])}
        fact("the table's keys and indexes match DynamoDbTable.cs",
             declared == expected and indexes == {constants.get(k) for k in ("Gsi1", "BySequence", "ByLast")},
             f"template {sorted(declared)} {sorted(indexes)}, code {sorted(map(str, expected))}")
    return results


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        template = yaml.load(handle, Loader=CloudFormationLoader)
    table_source = None
    if len(sys.argv) > 2:
        try:
            with open(sys.argv[2], encoding="utf-8") as handle:
                table_source = handle.read()
        except FileNotFoundError:
            print(f"SKIP table schema comparison: {sys.argv[2]} is not in this tree yet")
    failed = 0
    for name, ok, why in check(template, table_source):
        print(("PASS " + name) if ok else f"FAIL {name}: {why}")
        failed += 0 if ok else 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

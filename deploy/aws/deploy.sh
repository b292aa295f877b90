#!/usr/bin/env bash
# Deploys deploy/aws/template.yaml with the AWS SAM CLI: builds the package (publish.sh), then
# `sam deploy`. NOT RUN in this project's environment (no AWS account or credentials here): see the
# "verified here / not verified" list in docs/aws.md before relying on it.
#
#   deploy/aws/deploy.sh STACK REGION key=value...
#   e.g. deploy/aws/deploy.sh aurora eu-west-1 DomainName=cal.example.com \
#          CertificateArn=arn:aws:acm:eu-west-1:123456789012:certificate/... VpcId=vpc-... \
#          PublicSubnetIds=subnet-a,subnet-b SesIdentity=example.com \
#          ReminderFromAddress=reminders@example.com CognitoDomainPrefix=example-cal
#
# Needs: the sam CLI (pip install aws-sam-cli, or AWS's installer), credentials allowed to create the
# stack's resources (CloudFormation, Lambda, IAM roles, ELB, DynamoDB, S3, Scheduler, Cognito,
# Secrets Manager, Logs), and the .NET SDK plus gcc or clang for the Native AOT build.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ $# -ge 2 ] || { sed -n '2,14p' "$0" >&2; exit 2; }
STACK="$1"; REGION="$2"; shift 2
command -v sam >/dev/null || { echo "the AWS SAM CLI (sam) is not installed" >&2; exit 1; }

ARCH=x64
for pair in "$@"; do [ "$pair" = "Architecture=arm64" ] && ARCH=arm64; done
"$HERE/publish.sh" --mode "${AURORA_PUBLISH_MODE:-aot}" --arch "$ARCH"

# --resolve-s3 lets SAM create its own bucket for the package; CAPABILITY_IAM because the stack
# creates the function's role and the role EventBridge Scheduler assumes.
sam deploy \
  --template-file "$HERE/template.yaml" \
  --stack-name "$STACK" \
  --region "$REGION" \
  --resolve-s3 \
  --capabilities CAPABILITY_IAM \
  --no-fail-on-empty-changeset \
  --parameter-overrides "$@"

aws cloudformation describe-stacks --stack-name "$STACK" --region "$REGION" \
  --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output table

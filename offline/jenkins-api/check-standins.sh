#!/usr/bin/env bash
# Checks both stand-in modules against the real sources at the pinned versions (see README.md, "Checking them").
# Needs the git directories the search tool's `fetch` brings to /work/.mirror (one per repository in README.md).
#
# Two real types live in test jars (src/test/java), which check-standins does not index: StepConfigTester
# (workflow-step-api) and SnippetizerTester (workflow-cps). For them this script makes a throw-away git directory
# under ${TMPDIR:-/tmp} whose one commit holds exactly those real files (the same blobs, read through git
# alternates) under src/main/java, and passes it as one more source. Nothing from the mirrors is copied elsewhere.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
M=${MIRROR:-/work/.mirror}
check=${CHECK_STANDINS:-/work/shared/tools/standin-check/check-standins}

src() { echo "$1=$M/$2/repo@$3"; }
CORE=(
  "$(src core jenkinsci+jenkins jenkins-2.541.3)"
  "$(src stapler jenkinsci+stapler 2050.v425108fd5089)"
  "$(src symbol jenkinsci+lib-symbol-annotation symbol-annotation-1.25)"
  "$(src remoting jenkinsci+remoting 3352.v17a_fb_4b_2773f)"
  "$(src credentials jenkinsci+credentials-plugin d96751bc)"
  "$(src plain jenkinsci+plain-credentials-plugin 199.v9f8e1f741799)"
  "$(src jsonlib jenkinsci+json-lib json-lib-2.4-jenkins-15)"
  "$(src stepapi jenkinsci+workflow-step-api-plugin 0773c3c)"
  "$(src api jenkinsci+workflow-api-plugin 1413.v2ff1a_5e720fa_)"
  "$(src support jenkinsci+workflow-support-plugin 1015.v785e5a_b_b_8b_22)"
  "$(src input jenkinsci+pipeline-input-step-plugin 560.v56198a_642157)"
  "$(src git jenkinsci+git-plugin git-5.10.1)"
  "$(src gitclient jenkinsci+git-client-plugin git-client-6.6.1)"
)
TEST=(
  "$(src jth jenkinsci+jenkins-test-harness 2578.v44660312fd37)"
  "$(src casc jenkinsci+configuration-as-code-plugin 2117.vc05a_0b_e6b_f4e)"
  "$(src job jenkinsci+workflow-job-plugin 1571.1580.v18e46842c125)"
  "$(src cps jenkinsci+workflow-cps-plugin e007b7ff)"
)

# the test-jar overlay: path in the real repository -> the same path under src/main/java
overlay=${TMPDIR:-/tmp}/standins-test-jars.git
rm -rf "$overlay"
git init -q --bare "$overlay"
printf '%s\n' "$M/jenkinsci+workflow-step-api-plugin/repo/objects" "$M/jenkinsci+workflow-cps-plugin/repo/objects" \
  > "$overlay/objects/info/alternates"
add() { # repo ref path-in-repo
  local blob
  blob=$(git -C "$M/$1/repo" rev-parse "$2:$3")
  GIT_INDEX_FILE="$overlay/index" git --git-dir="$overlay" update-index --add \
    --cacheinfo "100644,$blob,src/main/java/${3#*src/test/java/}"
}
add jenkinsci+workflow-step-api-plugin 0773c3c \
  src/test/java/org/jenkinsci/plugins/workflow/steps/StepConfigTester.java
add jenkinsci+workflow-cps-plugin e007b7ff \
  plugin/src/test/java/org/jenkinsci/plugins/workflow/cps/SnippetizerTester.java
tree=$(GIT_INDEX_FILE="$overlay/index" git --git-dir="$overlay" write-tree)
commit=$(echo "test-jar sources for check-standins" | GIT_AUTHOR_NAME=x GIT_AUTHOR_EMAIL=x@x GIT_COMMITTER_NAME=x \
  GIT_COMMITTER_EMAIL=x@x git --git-dir="$overlay" commit-tree "$tree")
TESTJARS="testjars=$overlay@$commit"

cd "${TMPDIR:-/tmp}"   # check-standins fetches javaparser with mvn: not inside a project
echo "== offline/jenkins-api"
"$check" "$here/src/main/java" "${CORE[@]}"
echo "== offline/jenkins-test-api"
"$check" "$here/../jenkins-test-api/src/main/java" "${CORE[@]}" "${TEST[@]}" "$TESTJARS"

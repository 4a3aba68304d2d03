#!/bin/sh
# A folder of N deployment files of one kind, the same for the same
# arguments, for measuring how the scan grows with the size of a folder:
#   tf     N .tf files of one Terraform module: provider blocks with and
#          without partner_id (a literal, a variable, a local), aliases and
#          the resources, data sources and module blocks that select them,
#          variables and locals that other files of the folder read, a pid
#          ARM deployment, an azapi block, comments and heredocs;
#   tfsub  the same, and the child module each eighth file calls in a
#          folder of its own whose name sorts between the files
#          ("f00004.m/main.tf" before "f00004.tf"), as "modules/" sorts
#          between "main.tf" and "variables.tf";
#   bicep  N .bicep files in trees of 15: each deploys the next two of its
#          tree as modules; roots with a pid (literal, from a parameter,
#          behind an opt-out), children with and without one;
#   arm    the same trees as ARM templates, linked by relativePath, by
#          uri() on the template's own link, or by a URL built on an
#          _artifactsLocation default, a third of the trees each.
# Usage: bench/gen_iac.sh [-k tf|tfsub|bicep|arm] N DIR.  DIR is created and
# must not exist.  A .tf file reads the variables, locals and aliases of
# the files just before it, so each depends on what its folder declares.
set -eu
usage() {
    echo "usage: bench/gen_iac.sh [-k tf|tfsub|bicep|arm] N DIR" >&2
    exit 2
}
kind=tf
while getopts k: opt; do
    case $opt in
    k) kind=$OPTARG ;;
    *) usage ;;
    esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] || usage
case $1 in '' | *[!0-9]*) usage ;; esac
case $kind in tf | tfsub | bicep | arm) ;; *) usage ;; esac
[ ! -e "$2" ] || { echo "gen_iac: $2 exists" >&2; exit 2; }
mkdir -p "$2"
exec awk -v n="$1" -v dir="$2" -v kind="$kind" -f - <<'AWK'
# A GUID of its own for each i, never the all-zero one.
function guid(i) {
    return sprintf("%08x-4f89-41d3-9a0c-%012x", i + 1, i * 7919 + 1)
}

function tf(i,    f, g, k, sd) {
    f = sprintf("%s/f%05d.tf", dir, i)
    g = guid(i)
    k = i % 8
    if (i == 0) {
        print "# The default configuration, attributed through a variable's default." > f
        print "provider \"azurerm\" {\n  features {}\n  partner_id = var.partner_id\n}\n" > f
        print "variable \"partner_id\" {\n  type    = string\n  default = \"" g "\"\n}" > f
    } else if (k == 0) {
        print "provider \"azurerm\" {\n  alias      = \"a" i "\"\n  partner_id = local.pid" i - 6 "\n  features {}\n}" > f
    } else if (k == 1) {
        print "variable \"v" i "\" {\n  description = \"A partner id a deployer may override.\"" > f
        print "  type        = string\n  default     = \"pid-" g "\"\n}\n" > f
        print "variable \"location" i "\" {\n  type    = string\n  default = \"westeurope\"\n}" > f
    } else if (k == 2) {
        print "locals {\n  pid" i "  = \"" g "\"" > f
        print "  name" i " = \"rg-${var.location" i - 1 "}-" i "\"" > f
        print "  tags" i " = {\n    owner = \"team-" i % 13 "\"\n  }\n}" > f
    } else if (k == 3) {
        print "resource \"azurerm_resource_group\" \"rg" i "\" {\n  provider = azurerm.a" i - 3 > f
        print "  name     = local.name" i - 1 "\n  location = var.location" i - 2 > f
        print "  tags     = local.tags" i - 1 "\n}" > f
    } else if (k == 4) {
        if (kind == "tfsub") {
            sd = sprintf("%s/f%05d.m/main.tf", dir, i)
            print "resource \"azurerm_resource_group\" \"rg\" {\n  name     = var.name\n  location = \"westeurope\"\n}\n" > sd
            print "variable \"name\" {\n  type = string\n}" > sd
            close(sd)
        }
        print "module \"m" i "\" {\n  source = \"./" (kind == "tfsub" ? sprintf("f%05d.m", i) : "modules/m" i) "\"" > f
        print "  providers = {\n    azurerm = azurerm.a" i - 4 "\n  }" > f
        print "  name = local.name" i - 2 "\n}\n" > f
        print "data \"azurerm_client_config\" \"c" i "\" {}" > f
    } else if (k == 5) {
        print "# Terraform's own pid is off; the custom one below still counts." > f
        print "provider \"azurerm\" {\n  alias                        = \"b" i "\"" > f
        print "  disable_terraform_partner_id = true" > f
        print "  partner_id                   = \"pid-" g "-partnercenter\"\n  features {}\n}\n" > f
        print "resource \"azurerm_storage_account\" \"s" i "\" {\n  provider                 = azurerm.b" i > f
        print "  name                     = \"st" i "\"" > f
        print "  resource_group_name      = local.name" i - 3 > f
        print "  location                 = var.location" i - 4 > f
        print "  account_tier             = \"Standard\"\n  account_replication_type = \"LRS\"\n}" > f
    } else if (k == 6) {
        print "locals {\n  pid" i " = var.v" i - 5 "\n}\n" > f
        print "resource \"azurerm_resource_group_template_deployment\" \"pid" i "\" {" > f
        print "  name                = \"pid-" g "\"" > f
        print "  resource_group_name = local.name" i - 4 > f
        print "  deployment_mode     = \"Incremental\"\n  template_content    = <<-TEMPLATE\n    {" > f
        print "      \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\"," > f
        print "      \"contentVersion\": \"1.0.0.0\",\n      \"resources\": []\n    }\n  TEMPLATE\n}" > f
    } else {
        print "# partner_id = \"" g "\" was here once." > f
        print "provider \"azapi\" {\n  alias = \"z" i "\"\n}\n" > f
        print "resource \"azapi_resource\" \"r" i "\" {\n  provider  = azapi.z" i > f
        print "  type      = \"Microsoft.Resources/resourceGroups@2021-04-01\"\n  name      = \"rg-z" i "\"" > f
        print "  parent_id = \"/subscriptions/${data.azurerm_client_config.c" i - 3 ".subscription_id}\"\n}" > f
    }
    close(f)
}

# Trees of 15: file j of a tree deploys 2j+1 and 2j+2 of the same tree.
function children(i, v,    j, c, m) {
    j = i % 15
    m = 0
    for (c = 2 * j + 1; c <= 2 * j + 2; c++)
        if (c < 15 && i - j + c < n)
            v[++m] = i - j + c
    return m
}

function pid_template() {
    return "{ \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", \"contentVersion\": \"1.0.0.0\", \"resources\": [] }"
}

function bicep(i,    f, g, v, m, c, shape) {
    f = sprintf("%s/b%05d.bicep", dir, i)
    g = guid(i)
    shape = i % 15 == 0 ? "root" int(i / 15) % 3 : i % 15 == 5 ? "child-pid" : ""
    print "targetScope = 'resourceGroup'\n" > f
    print "@description('Location of every resource of this part.')" > f
    print "param location string = resourceGroup().location" > f
    if (shape == "root1")
        print "param partnerId string = 'pid-" g "'" > f
    if (shape == "root2") {
        print "param enableTelemetry bool = true\n" > f
        print "module partnerTracking 'empty.bicep' = if (enableTelemetry) {" > f
        print "  name: 'pid-" g "-${uniqueString(resourceGroup().id)}'\n}" > f
    } else if (shape != "") {
        if (shape == "root0")
            print "var cuaId = '" g "'" > f
        if (shape == "child-pid")
            print "// name: 'pid-" g "'" > f
        print "\nresource pid 'Microsoft.Resources/deployments@2021-04-01' = {" > f
        print "  name: " (shape == "root0" ? "'pid-${cuaId}'" : shape == "root1" ? "partnerId" : "'pid-" g "'") > f
        print "  properties: {\n    mode: 'Incremental'\n    template: {" > f
        print "      '$schema': 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#'" > f
        print "      contentVersion: '1.0.0.0'\n      resources: []\n    }\n  }\n}" > f
    }
    print "\nresource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {" > f
    print "  name: 'st${uniqueString(resourceGroup().id, '" i "')}'\n  location: location" > f
    print "  sku: {\n    name: 'Standard_LRS'\n  }\n  kind: 'StorageV2'\n}" > f
    m = children(i, v)
    for (c = 1; c <= m; c++) {
        printf "\nmodule part%d 'b%05d.bicep' = {\n", v[c], v[c] > f
        print "  name: 'part" v[c] "'\n  params: {\n    location: location\n  }\n}" > f
    }
    print "\noutput storageId string = st.id" > f
    close(f)
}

function arm(i,    f, g, v, m, c, shape, dep, link) {
    f = sprintf("%s/t%05d.json", dir, i)
    g = guid(i)
    shape = i % 15 == 0 ? "root" int(i / 15) % 3 : i % 15 == 5 ? "child-pid" : ""
    dep = "\"type\": \"Microsoft.Resources/deployments\", \"apiVersion\": \"2021-04-01\""
    print "{\n  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\"," > f
    print "  \"contentVersion\": \"1.0.0.0\",\n  \"parameters\": {" > f
    print "    \"location\": { \"type\": \"string\", \"defaultValue\": \"[resourceGroup().location]\" }," > f
    print "    \"partnerId\": { \"type\": \"string\", \"defaultValue\": \"pid-" g "\" }," > f
    print "    \"_artifactsLocation\": { \"type\": \"string\", \"defaultValue\": \"https://raw.githubusercontent.com/contoso/templates/main/bench/\" }," > f
    print "    \"enableTelemetry\": { \"type\": \"bool\", \"defaultValue\": true }\n  }," > f
    print "  \"variables\": {\n    \"cuaId\": \"" g "\"," > f
    print "    \"storageName\": \"[concat('st', uniqueString(resourceGroup().id, '" i "'))]\"\n  }," > f
    print "  \"resources\": [" > f
    if (shape == "root0")
        print "    { " dep ", \"name\": \"[concat('pid-', variables('cuaId'))]\", \"properties\": { \"mode\": \"Incremental\", \"template\": " pid_template() " } }," > f
    else if (shape == "root1")
        print "    { " dep ", \"name\": \"[parameters('partnerId')]\", \"properties\": { \"mode\": \"Incremental\", \"template\": " pid_template() " } }," > f
    else if (shape == "root2")
        print "    { \"condition\": \"[parameters('enableTelemetry')]\", " dep ", \"name\": \"[concat('pid-', variables('cuaId'))]\", \"properties\": { \"mode\": \"Incremental\", \"template\": " pid_template() " } }," > f
    else if (shape == "child-pid")
        print "    { " dep ", \"name\": \"pid-" g "\", \"properties\": { \"mode\": \"Incremental\", \"template\": " pid_template() " } }," > f
    m = children(i, v)
    for (c = 1; c <= m; c++) {
        link = int(i / 15) % 3 == 0 ? sprintf("\"relativePath\": \"t%05d.json\"", v[c]) \
             : int(i / 15) % 3 == 1 ? sprintf("\"uri\": \"[uri(deployment().properties.templateLink.uri, 't%05d.json')]\"", v[c]) \
             : sprintf("\"uri\": \"[uri(parameters('_artifactsLocation'), 't%05d.json')]\"", v[c])
        printf "    { %s, \"name\": \"part%d\", \"properties\": { \"mode\": \"Incremental\", \"templateLink\": { %s } } },\n", dep, v[c], link > f
    }
    print "    { \"type\": \"Microsoft.Storage/storageAccounts\", \"apiVersion\": \"2023-01-01\", \"name\": \"[variables('storageName')]\", \"location\": \"[parameters('location')]\", \"sku\": { \"name\": \"Standard_LRS\" }, \"kind\": \"StorageV2\" }" > f
    print "  ]\n}" > f
    close(f)
}

BEGIN {
    # The child modules' folders, made with one command.
    for (i = 4; kind == "tfsub" && i < n; i += 8)
        dirs = dirs sprintf(" '%s/f%05d.m'", dir, i)
    if (dirs != "" && system("mkdir" dirs) != 0)
        exit 1
    for (i = 0; i < n; i++)
        if (kind == "tf" || kind == "tfsub")
            tf(i)
        else if (kind == "bicep")
            bicep(i)
        else
            arm(i)
}
AWK

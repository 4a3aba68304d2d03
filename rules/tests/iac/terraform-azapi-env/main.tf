# No provider block: azapi is configured by default and reads
# ARM_PARTNER_ID from the environment that deploy.sh sets.
resource "azapi_resource" "site" {
  type      = "Microsoft.Web/sites@2022-03-01"
  name      = "app-fabrikam"
  parent_id = var.resource_group_id
}

variable "resource_group_id" {
  type = string
}

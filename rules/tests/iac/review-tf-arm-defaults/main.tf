# A pid deployment made by Terraform, switched off by default and named
# from a variable's default that a tfvars file replaces.
variable "cua_id" {
  type    = string
  default = "b7e4c2a1-5d3f-4e8a-9c6b-2f1e0d9a8c7b"
}

variable "cua_enabled" {
  type    = bool
  default = false
}

resource "azurerm_resource_group_template_deployment" "cua" {
  count               = var.cua_enabled ? 1 : 0
  name                = "pid-${var.cua_id}"
  resource_group_name = "rg-tailspin"
  deployment_mode     = "Incremental"
  template_content    = jsonencode({ "$schema" = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", contentVersion = "1.0.0.0", resources = [] })
}

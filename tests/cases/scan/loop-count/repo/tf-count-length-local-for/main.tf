variable "regions" {
  type    = list(string)
  default = []
}
locals {
  regions = {
    for r in var.regions : r => r
  }
}
resource "azurerm_resource_group_template_deployment" "pid" {
  count = length(local.regions)
  name                = "pid-dc5b73fd-e93c-40ca-8fef-976762d1b1a1"
  resource_group_name = "rg"
  deployment_mode     = "Incremental"
  template_content    = "{}"
}

# Deployment names wholly unknown: no pid, as a parameter with no
# default is in ARM and Bicep.
variable "env" {}

resource "random_string" "aib" {
  length = 5
}

resource "azurerm_resource_group_template_deployment" "by_var" {
  name                = var.env
  resource_group_name = "rg"
  deployment_mode     = "Incremental"
  template_content    = "{}"
}

resource "azurerm_resource_group_template_deployment" "by_attr" {
  name                = "aib${random_string.aib.result}"
  resource_group_name = "rg"
  deployment_mode     = "Incremental"
  template_content    = "{}"
}

resource "azurerm_resource_group_template_deployment" "by_call" {
  name                = lower("App-Deployment")
  resource_group_name = "rg"
  deployment_mode     = "Incremental"
  template_content    = "{}"
}

provider "azurerm" {
  features {}
  partner_id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
}

resource "azurerm_resource_group_template_deployment" "pid" {
  count               = max(0, -1)
  name                = "pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301"
  resource_group_name = "rg"
  deployment_mode     = "Incremental"
  template_content    = "{}"
}

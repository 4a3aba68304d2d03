resource "azurerm_resource_group_template_deployment" "pid" {
  name = "none"
}

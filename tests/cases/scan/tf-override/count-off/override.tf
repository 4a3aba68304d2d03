# Turns the pid off for every run of this folder.
resource "azurerm_resource_group_template_deployment" "pid" {
  count = 0
}

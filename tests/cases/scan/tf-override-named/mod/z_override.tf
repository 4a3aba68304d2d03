# Not HCL: Terraform refuses the module for it (scanned as a folder, the
# run fails); beside a file named alone it is left out with a note, as
# any file of the module that cannot be read.
resource "azurerm_resource_group_template_deployment" "pid" {
  count = 1

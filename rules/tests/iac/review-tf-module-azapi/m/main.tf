resource "azapi_resource" "app" {
  type      = "Microsoft.App/containerApps@2024-03-01"
  name      = "tailspin-app"
  parent_id = var.resource_group_id
  body      = {}
}

variable "resource_group_id" {
  type = string
}

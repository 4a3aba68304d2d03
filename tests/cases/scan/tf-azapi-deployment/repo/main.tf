# A pid deployment made with azapi, as AVM's lz-vending makes its
# telemetry: on by default, the deployer's to switch off.
variable "disable_telemetry" {
  type    = bool
  default = false
}

resource "azapi_resource" "telemetry_root" {
  count = var.disable_telemetry ? 0 : 1

  type = "Microsoft.Resources/deployments@2021-04-01"
  body = {
    properties = {
      mode     = "Incremental"
      template = { contentVersion = "1.0.0.0", resources = [] }
    }
  }
  location  = "westeurope"
  name      = "pid-50a8a460-d517-4b11-b86c-6de447806b67"
  parent_id = "/subscriptions/00000000-0000-0000-0000-000000000001"
}

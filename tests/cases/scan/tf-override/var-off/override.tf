variable "telemetry" {
  default = false
}

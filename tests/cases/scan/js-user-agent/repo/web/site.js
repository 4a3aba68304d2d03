// Browser code: it reads the browser's user agent and sends nothing to ARM.
var userAgent = navigator.userAgent;
if (/MSIE/.test(userAgent)) { ie = true; }
function Client(userAgent) {
  this.userAgent = userAgent;
}
Client.prototype.send = function (info) {
  info.options.headers['user-agent'] = this.userAgent;
};
const deployTfMain =
  `data "http" "release" {\n` +
  `  request_headers = {\n` +
  `    User-Agent = "request module"\n` +
  `  }\n` +
  `}\n`;

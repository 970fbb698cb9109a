.help commands

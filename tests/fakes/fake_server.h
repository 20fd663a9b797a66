// Shared pieces of the fake API servers (placeholder until the fakes land).
#pragma once

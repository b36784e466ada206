#include "EngineSocket.h"

#include "LocalEngineSocket.h"
#include "TcpEngineSocket.h"

namespace dockpulse::docker {

// nullptr when this build has no transport for the endpoint yet.
std::unique_ptr<EngineSocket> EngineSocket::create(const Endpoint& endpoint)
{
    switch (endpoint.scheme) {
    case Endpoint::Scheme::Unix:
        return std::make_unique<LocalEngineSocket>(endpoint);
    case Endpoint::Scheme::Tcp:
        if (endpoint.tls.enabled)
            break; // arrives with the TLS transport
        return std::make_unique<TcpEngineSocket>(endpoint);
    case Endpoint::Scheme::Ssh:
        break; // arrives with the ssh transport
    }
    return nullptr;
}

} // namespace dockpulse::docker

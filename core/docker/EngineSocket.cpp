#include "EngineSocket.h"

#include "LocalEngineSocket.h"
#include "SshEngineSocket.h"
#include "TcpEngineSocket.h"
#include "TlsEngineSocket.h"

namespace dockpulse::docker {

std::unique_ptr<EngineSocket> EngineSocket::create(const Endpoint& endpoint)
{
    switch (endpoint.scheme) {
    case Endpoint::Scheme::Unix:
        return std::make_unique<LocalEngineSocket>(endpoint);
    case Endpoint::Scheme::Tcp:
        if (endpoint.tls.enabled)
            return std::make_unique<TlsEngineSocket>(endpoint);
        return std::make_unique<TcpEngineSocket>(endpoint);
    case Endpoint::Scheme::Ssh:
        return std::make_unique<SshEngineSocket>(endpoint);
    }
    return nullptr;
}

} // namespace dockpulse::docker
